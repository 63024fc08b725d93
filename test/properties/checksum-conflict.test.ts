import { checksumConflict } from '../../src/properties/checksum-conflict'
import { propertySuite } from './support/suite'

propertySuite(checksumConflict)
