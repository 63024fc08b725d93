import { savedVsLatest } from './saved-vs-latest'
import { propertySuite } from './support/suite'

propertySuite(savedVsLatest)
