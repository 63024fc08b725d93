import { pagination } from '../../src/properties/pagination'
import { propertySuite } from './support/suite'

propertySuite(pagination)
