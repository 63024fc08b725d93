import { differential } from '../../src/properties/differential'
import { propertySuite } from './support/suite'

propertySuite(differential)
