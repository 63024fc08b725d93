import { immutability } from './immutability'
import { propertySuite } from './support/suite'

propertySuite(immutability)
