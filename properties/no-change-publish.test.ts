import { noChangePublish } from './no-change-publish'
import { propertySuite } from './support/suite'

propertySuite(noChangePublish)
