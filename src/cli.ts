#!/usr/bin/env node
// Entry point of the `conformance` command; the program itself is src/cli/main.ts (importable, testable
// in-process). Exit codes: 0 pass, 1 conformance failures, 2 usage/config error, 3 target unreachable,
// 4 internal error, 130 interrupted.
import { main } from './cli/main'

// Exit explicitly: a live SDK client's sockets must not keep a finished run alive.
main(process.argv).then((code) => process.exit(code))
