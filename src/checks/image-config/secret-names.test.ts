import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isNonSecretValue, isSecretName } from './secret-names.js';

describe('isSecretName', () => {
  it('knows credential names', () => {
    for (const name of [
      'DB_PASSWORD',
      'MYSQL_ROOT_PASSWORD',
      'PGPASSWORD',
      'SMTP_PASS',
      'REDIS_PASSWD',
      'GITHUB_TOKEN',
      'NPM_TOKEN',
      'HF_TOKEN',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_ACCESS_KEY_ID',
      'AWS_SESSION_TOKEN',
      'AZURE_CLIENT_SECRET',
      'OPENAI_API_KEY',
      'STRIPE_APIKEY',
      'JWT_PRIVATE_KEY',
      'SECRET_KEY_BASE',
      'GOOGLE_CREDENTIALS',
      'ssh.passphrase',
    ])
      assert.ok(isSecretName(name), name);
  });
  it('leaves alone what only looks close', () => {
    for (const name of [
      'PATH',
      'PWD',
      'OLDPWD',
      'GPG_KEY',
      'GPG_KEYS',
      'TOKENIZERS_PARALLELISM',
      'SECRETARY_EMAIL',
      'DB_PASSWORD_FILE',
      'API_TOKEN_FILE',
      'GOOGLE_APPLICATION_CREDENTIALS_PATH',
      'TOKEN_TYPE',
      'KEYCLOAK_URL',
      'AZURE_CLIENT_ID',
    ])
      assert.ok(!isSecretName(name), name);
  });
});

describe('isNonSecretValue', () => {
  it('skips empty values, placeholders, switches, short numbers, paths and plain URLs', () => {
    for (const v of [
      '',
      '  ',
      '${API_KEY}',
      '$TOKEN',
      '<your-token>',
      '{{ .Token }}',
      'xxxxxxxx',
      '********',
      'changeme',
      'your_password_here',
      'none',
      'no',
      'false',
      '1',
      '12',
      '/run/secrets/db_password',
      './secrets/key.json',
      '~/.aws/credentials',
      'https://vault.example.com/v1/secret',
    ])
      assert.ok(isNonSecretValue(v), JSON.stringify(v));
  });
  it('keeps what may be a credential', () => {
    for (const v of [
      'hunter2',
      'Tr0ub4dor&3',
      'password',
      '123456789',
      '/x8Kd9+aa==',
      'https://user:pw@example.com/',
      'https://example.com/hook?token=abc',
    ])
      assert.ok(!isNonSecretValue(v), JSON.stringify(v));
  });
});
