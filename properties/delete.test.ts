import { deleteSemantics } from './delete'
import { propertySuite } from './support/suite'

propertySuite(deleteSemantics)
