// Who the contract is between and where its files live. The consumer is "any client built on the AWS SDK's
// ConnectClient"; the provider is the Views API, whoever serves it (the stub, an emulator, AWS).
import { packagePath } from '../package-files'

export const CONSUMER_NAME = 'connect-views-client'
export const PROVIDER_NAME = 'amazon-connect-views'
export const PACT_FILE_NAME = `${CONSUMER_NAME}-${PROVIDER_NAME}.json`

/** contracts/pacts/ (committed): the pact files the provider side verifies. */
export const COMMITTED_PACTS_DIR = packagePath('contracts/pacts/')
export const COMMITTED_PACT_FILE = `${COMMITTED_PACTS_DIR}${PACT_FILE_NAME}`
