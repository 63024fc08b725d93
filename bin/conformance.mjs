#!/usr/bin/env node
// Package bin: runs the TypeScript CLI through tsx's loader (the project ships no build step).
import { register } from 'tsx/esm/api'

register()
await import('../src/cli.ts')
