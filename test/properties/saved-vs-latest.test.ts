import { savedVsLatest } from '../../src/properties/saved-vs-latest'
import { propertySuite } from './support/suite'

propertySuite(savedVsLatest)
