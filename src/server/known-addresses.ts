/**
 * The addresses each login has logged in from (in memory, the most recent few per
 * login). A guesser elsewhere may lock a login, but from an address it has used before
 * the right password keeps working: that address is limited on its own (issue 12).
 */
export class KnownAddresses {
  private readonly byLogin = new Map<string, string[]>();

  constructor(private readonly perLogin = 10, private readonly maxLogins = 100_000) {}

  has(login: string, address: string): boolean {
    return this.byLogin.get(login)?.includes(address) ?? false;
  }

  remember(login: string, address: string): void {
    const list = (this.byLogin.get(login) ?? []).filter((a) => a !== address);
    list.unshift(address);
    this.byLogin.delete(login);
    this.byLogin.set(login, list.slice(0, this.perLogin));
    if (this.byLogin.size > this.maxLogins) {
      const oldest = this.byLogin.keys().next().value;
      if (oldest !== undefined) this.byLogin.delete(oldest);
    }
  }
}
