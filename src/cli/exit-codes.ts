// The table lives in src/exit-codes.ts (shared with scripts/ and the SDK gate); this path stays for imports.
export * from '../exit-codes'
