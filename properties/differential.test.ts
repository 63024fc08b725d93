import { differential } from './differential'
import { propertySuite } from './support/suite'

propertySuite(differential)
