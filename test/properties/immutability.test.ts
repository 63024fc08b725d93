import { immutability } from '../../src/properties/immutability'
import { propertySuite } from './support/suite'

propertySuite(immutability)
