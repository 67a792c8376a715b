/**
 * The built-in SIP provider passes the provider contract (R2.2, R6.4–R6.10) with REAL
 * phones: baresip agents registered with digest credentials, driven over their control
 * ports, and a baresip instance as the outside world behind the trunk.
 */
import { runProviderContract } from '../../src/telephony/provider.contract.js';
import { describeWith } from '../support/peers.js';
import { sipHarness, sipScenarios } from './support/sip-harness.js';

describeWith(['baresip'])('the provider contract', () => runProviderContract('sip (real baresip phones)', sipHarness('thread'), sipScenarios));
