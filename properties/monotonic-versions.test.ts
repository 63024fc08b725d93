import { monotonicVersions } from './monotonic-versions'
import { propertySuite } from './support/suite'

propertySuite(monotonicVersions)
