/**
 * The CRM data the CTI flows need, created through the public API as an admin would:
 * a New York site (R3.1), Browne & Barrow whose two people share one direct line
 * (1 212 736-4440), Sam Carter alone on his number, an unknown caller, and three
 * CTI-enabled colleagues on the simulated extensions 1001–1003.
 */
import type { HttpClient } from './http-client.js';

export const AGENT_PASSWORD = 'agent-password-1';

/** Numbers as the network presents them (caller ID) and as agents type them. */
export const NUMBERS = {
  /** Arthur Browne and Ben Barrow, one direct line. */
  sharedLine: '+1 212 736 4440',
  /** Sam Carter only. */
  sam: '+44 161 552 7789',
  /** Nobody in the CRM. */
  unknown: '+49 30 901820',
  /** A number whose far end is busy (the simulated world's script: ends in 0111). */
  busy: '+44 161 555 0111',
  /** An extension the phone system does not have: the network answers invalid-number. */
  noSuchExtension: '1009',
} as const;

export interface Agent {
  id: number;
  login: string;
  device: string;
}

export interface Contacts {
  companyId: number;
  arthurId: number;
  benId: number;
  samCompanyId: number;
  samId: number;
  alice: Agent;
  bob: Agent;
  carol: Agent;
}

const agent = async (admin: HttpClient, login: string, name: string, device: string): Promise<Agent> => {
  const user = await admin.ok<{ id: number }>('POST', '/api/users', {
    login, name, password: AGENT_PASSWORD, role: 'agent', extension: device, ctiEnabled: true, ctiDevice: device,
  });
  return { id: user.id, login, device };
};

export async function seedContacts(admin: HttpClient): Promise<Contacts> {
  await admin.ok('POST', '/api/setup', { country: 'US', areaCode: '212', outsidePrefix: '9' });
  const company = await admin.ok<{ id: number }>('POST', '/api/companies', {
    name: 'Browne & Barrow Ltd', phones: [{ kind: 'switchboard', value: '+1 212 736 4400' }],
  });
  const arthur = await admin.ok<{ id: number }>('POST', '/api/persons', {
    firstName: 'Arthur', lastName: 'Browne', companyId: company.id, phones: [{ kind: 'direct', value: '(212) 736-4440' }],
  });
  const ben = await admin.ok<{ id: number }>('POST', '/api/persons', {
    firstName: 'Ben', lastName: 'Barrow', companyId: company.id, phones: [{ kind: 'direct', value: '1 212 736-4440' }],
  });
  const acme = await admin.ok<{ id: number }>('POST', '/api/companies', { name: 'Acme Ltd' });
  const sam = await admin.ok<{ id: number }>('POST', '/api/persons', {
    firstName: 'Sam', lastName: 'Carter', companyId: acme.id, phones: [{ kind: 'mobile', value: NUMBERS.sam }],
  });
  return {
    companyId: company.id, arthurId: arthur.id, benId: ben.id, samCompanyId: acme.id, samId: sam.id,
    alice: await agent(admin, 'alice', 'Alice Agent', '1001'),
    bob: await agent(admin, 'bob', 'Bob Agent', '1002'),
    carol: await agent(admin, 'carol', 'Carol Agent', '1003'),
  };
}
