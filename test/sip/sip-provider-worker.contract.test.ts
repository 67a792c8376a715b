/**
 * The same provider contract (R2.2, R6.4–R6.10) with the SIP provider hosted in a worker
 * thread (`WorkerSipProvider`, issue 6, what the product runs): every command crosses the
 * MessagePort, every event comes back over it, and the accounts are read from the main
 * thread. Real baresip phones, as in sip-provider.contract.test.ts.
 */
import { runProviderContract } from '../../src/telephony/provider.contract.js';
import { describeWith } from '../support/peers.js';
import { sipHarness, sipScenarios } from './support/sip-harness.js';

describeWith(['baresip'])('the provider contract', () => runProviderContract('sip in a worker thread (real baresip phones)', sipHarness('worker'), sipScenarios));
