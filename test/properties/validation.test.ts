import { validation } from '../../src/properties/validation'
import { propertySuite } from './support/suite'

propertySuite(validation)
