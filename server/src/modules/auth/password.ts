import argon2 from 'argon2';
import { DomainError } from '../../http/errors';

export function hashPassword(plain: string): Promise<string> {
  if (plain.length < 8) throw new DomainError('weak_password');
  return argon2.hash(plain, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}
