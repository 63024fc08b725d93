import { pagination } from './pagination'
import { propertySuite } from './support/suite'

propertySuite(pagination)
