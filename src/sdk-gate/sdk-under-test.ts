// How the gate holds an SDK version: the loaded module (any client-connect release, loaded from its own
// install path so both versions live in one process with their own @smithy/* copies), its types for schema
// generation, and an optional handler wrapper that tests use to inject a synthetic "variant" without npm.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { PACKAGE_ROOT } from '../package-files'
import type { HttpHandler } from '@smithy/protocol-http'
import type { SchemaSet } from '../schemas/schema-set'

/** The part of a client-connect module the gate uses; typed loosely because it may be another release. */
export interface SdkModule {
  readonly ConnectClient: new (
    config: Record<string, unknown>,
  ) => { send(command: unknown): Promise<unknown>; destroy(): void }
  readonly ConnectServiceException?: abstract new (...args: never[]) => Error
  readonly [exported: string]: unknown
}

export interface SdkUnderTest {
  /** 'pinned', 'candidate', or a test's name for a variant. */
  readonly label: string
  /** The package version (from its package.json). */
  readonly version: string
  readonly sdk: SdkModule
  /** `dist-types/index.d.ts` to generate schemas from; schemas are not compared when neither side has types or schemas. */
  readonly typesEntry?: string
  /** Precomputed schemas (e.g. the committed fixtures); wins over typesEntry. */
  readonly schemas?: SchemaSet
  /** Wraps the capturing handler: a variant can alter requests before capture, or responses after. */
  readonly wrapHandler?: (inner: HttpHandler) => HttpHandler
  /** engines.node of the package, reported so a Node-22-only candidate is easy to spot. */
  readonly enginesNode?: string
  /**
   * Versions of the shared runtime packages this install resolved. npm picks the newest release within the
   * client's ranges, so two client versions often share them, and much of the behaviour lives there.
   */
  readonly runtime?: Readonly<Record<string, string>>
}

/** The packages that hold the protocol, serde, retry and signing code behind every client. */
export const RUNTIME_PACKAGES = [
  '@smithy/core',
  '@aws-sdk/core',
  '@smithy/signature-v4',
  '@smithy/protocol-http',
] as const

const PROJECT_ROOT = PACKAGE_ROOT

interface PackageJson {
  version: string
  engines?: { node?: string }
}

function readPackageJson(path: string): PackageJson {
  return JSON.parse(readFileSync(path, 'utf8')) as PackageJson
}

/**
 * Loads `packageName` as resolved from `fromDir` (CommonJS build, through require: it resolves the
 * package's own dependencies from its install path, which a dynamic import of a file URL would too, but
 * require also gives every named export without relying on cjs-module-lexer).
 */
export function loadSdkFrom(fromDir: string, packageName: string, label: string): SdkUnderTest {
  const require = createRequire(join(fromDir, 'noop.js'))
  const pkgJsonPath = require.resolve(`${packageName}/package.json`)
  const pkg = readPackageJson(pkgJsonPath)
  const sdk = require(packageName) as SdkModule
  if (typeof sdk.ConnectClient !== 'function')
    throw new Error(`${packageName} in ${fromDir} does not export ConnectClient`)
  // resolved from the client's own folder, as its require() calls would resolve them
  const fromClient = createRequire(pkgJsonPath)
  const runtime: Record<string, string> = {}
  for (const name of RUNTIME_PACKAGES) {
    try {
      runtime[name] = readPackageJson(fromClient.resolve(`${name}/package.json`)).version
    } catch {
      // not a dependency of this release (older clients split @smithy/core into many packages)
    }
  }
  return {
    label,
    version: pkg.version,
    sdk,
    typesEntry: join(dirname(pkgJsonPath), 'dist-types', 'index.d.ts'),
    ...(pkg.engines?.node ? { enginesNode: pkg.engines.node } : {}),
    runtime,
  }
}

/** The SDK this project pins, from its own node_modules. */
export function loadPinnedSdk(label = 'pinned'): SdkUnderTest {
  return loadSdkFrom(PROJECT_ROOT, '@aws-sdk/client-connect', label)
}
