// Every consumer contract case, in the order they are recorded (and verified).
import type { ContractCase } from './contract-kit'
import { LIST_CASES } from './list-interactions'
import { TAG_CASES } from './tag-interactions'
import { VERSION_CASES } from './version-interactions'
import { VIEW_CASES } from './view-interactions'

export const CONTRACT_CASES: readonly ContractCase[] = [...VIEW_CASES, ...VERSION_CASES, ...LIST_CASES, ...TAG_CASES]
export type { ContractCase } from './contract-kit'
