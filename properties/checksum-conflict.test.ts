import { checksumConflict } from './checksum-conflict'
import { propertySuite } from './support/suite'

propertySuite(checksumConflict)
