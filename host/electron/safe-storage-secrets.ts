// Desktop keychain for Kafka profile secrets: Electron safeStorage (Keychain, DPAPI, libsecret) seals them
// before they go into the secrets file under userData. Imported only by main.ts (host/src must not import electron).
import { safeStorage } from 'electron';
import type { SecretSealer } from '../src/profiles.js';

export const safeStorageSealer: SecretSealer = {
  seal(secret) {
    if (!safeStorage.isEncryptionAvailable())
      throw new Error('the system keychain is not available; use an environment variable or a file secret');
    return safeStorage.encryptString(secret).toString('base64');
  },
  open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
};
