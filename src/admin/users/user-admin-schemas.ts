import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../../auth/passwords.js';
import { ROLES } from '../../auth/roles.js';

/** The edge's checks of /api/admin/users, each with the Turkish message the page shows next to its field. */

const username = z
  .string({ error: 'Kullanıcı adı giriniz' })
  .max(40, 'Kullanıcı adı en çok 40 karakter olabilir')
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9._-]{2,40}$/, 'Kullanıcı adı 2–40 karakter olmalı: küçük harf (a-z), rakam, nokta, tire, alt çizgi'));

const displayName = z
  .string({ error: 'Ad soyad giriniz' })
  .trim()
  .min(1, 'Ad soyad giriniz')
  .max(120, 'Ad soyad en çok 120 karakter olabilir')
  .regex(/^[\p{L}\p{M}\p{N} .'’-]+$/u, 'Ad soyad yalnızca harf, rakam, boşluk, nokta, kesme işareti ve tire içerebilir');

const role = z.enum(ROLES, { error: 'Bilinmeyen rol: temsilci (agent), süpervizör (supervisor), birim (department) veya yönetici (admin) olmalı' });

const phoneInterface = z
  .string()
  .max(80, 'Telefon arabirimi en çok 80 karakter olabilir')
  .regex(/^[A-Za-z]+\/[A-Za-z0-9_.-]{1,60}$/, 'Telefon arabirimi PJSIP/ajan12 biçiminde olmalı')
  .nullable();

const department = z.string().max(40, 'Birim kodu en çok 40 karakter olabilir').regex(/^[a-z0-9-]{1,40}$/, 'Birim kodu beyaz-masa biçiminde olmalı').nullable();

export const queueNameSchema = z.string().max(80, 'Kuyruk adı en çok 80 karakter olabilir').regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/, 'Kuyruk adı harf, rakam, _ ve - içerebilir');

const queues = z.array(queueNameSchema).max(50, 'En çok 50 kuyruk atanabilir').nullable();

const password = z.string().max(PASSWORD_MAX_LENGTH, `Parola en çok ${PASSWORD_MAX_LENGTH} karakter olabilir`);

export const createUserBody = z.strictObject({
  username,
  displayName,
  role,
  phoneInterface: phoneInterface.optional(),
  department: department.optional(),
  queues: queues.optional(),
  /** Absent: a one-time password is generated and shown once. Either way the user sets their own at first login. */
  password: password.optional(),
});

export const updateUserBody = z
  .strictObject({ displayName: displayName.optional(), role: role.optional(), phoneInterface: phoneInterface.optional(), department: department.optional(), queues: queues.optional() })
  .refine((body) => Object.keys(body).length > 0, { message: 'Değiştirilecek bir alan yok' });

export const resetPasswordBody = z.union([z.undefined(), z.strictObject({ password: password.optional() })]);

export const userIdParam = z.coerce.number({ error: 'Kullanıcı numarası geçersiz' }).int('Kullanıcı numarası geçersiz').positive('Kullanıcı numarası geçersiz').max(2 ** 31 - 1, 'Kullanıcı numarası geçersiz');

export type CreateUserBody = z.infer<typeof createUserBody>;
export type UpdateUserBody = z.infer<typeof updateUserBody>;
