/**
 * device ↔ user for the CTI core, from the users table, kept in memory and refreshed on
 * every user change so that enabling CTI (R4.5) takes effect at once.
 */
import type { DeviceDirectory, DeviceUser } from '../../cti/ports.js';
import type { User, UserService } from '../../crm/users.js';

export class UserDirectory implements DeviceDirectory {
  private byDeviceMap = new Map<string, DeviceUser>();
  private byUserMap = new Map<number, DeviceUser>();

  constructor(private readonly users: UserService) {
    users.onChange(() => void this.refresh());
  }

  async refresh(): Promise<void> {
    this.load(await this.users.list());
  }

  load(list: readonly User[]): void {
    const byDevice = new Map<string, DeviceUser>();
    const byUser = new Map<number, DeviceUser>();
    for (const u of list) {
      if (!u.ctiDevice) continue;
      const entry: DeviceUser = { userId: u.id, device: u.ctiDevice, ctiEnabled: u.ctiEnabled, ...(u.extension ? { extension: u.extension } : {}) };
      byDevice.set(u.ctiDevice, entry);
      byUser.set(u.id, entry);
    }
    this.byDeviceMap = byDevice;
    this.byUserMap = byUser;
  }

  byDevice(device: string): DeviceUser | undefined {
    return this.byDeviceMap.get(device);
  }

  byUser(userId: number): DeviceUser | undefined {
    return this.byUserMap.get(userId);
  }

  devices(): string[] {
    return [...this.byDeviceMap.keys()];
  }
}
