import { noChangePublish } from '../../src/properties/no-change-publish'
import { propertySuite } from './support/suite'

propertySuite(noChangePublish)
