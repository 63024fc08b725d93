import { validation } from './validation'
import { propertySuite } from './support/suite'

propertySuite(validation)
