import { monotonicVersions } from '../../src/properties/monotonic-versions'
import { propertySuite } from './support/suite'

propertySuite(monotonicVersions)
