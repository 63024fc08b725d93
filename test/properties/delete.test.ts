import { deleteSemantics } from '../../src/properties/delete'
import { propertySuite } from './support/suite'

propertySuite(deleteSemantics)
