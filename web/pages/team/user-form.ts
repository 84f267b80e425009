import type { NewUser, Role } from "../../lib/api-types";

export interface UserDraft {
  name: string;
  email: string;
  role: Role;
  password: string;
}

export type UserErrors = Partial<Record<keyof UserDraft | "form", string>>;

export const MIN_PASSWORD_LENGTH = 8;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const emptyUserDraft = (): UserDraft => ({ name: "", email: "", role: "csm", password: "" });

/** Client-side checks for "Add user"; the server re-checks and its 409/422 answers map onto the same keys. */
export function validateUser(d: UserDraft): UserErrors {
  const errors: UserErrors = {};
  if (!d.name.trim()) errors.name = "Enter the person's name.";
  if (!d.email.trim()) errors.email = "Enter an email address.";
  else if (!EMAIL_RE.test(d.email.trim())) errors.email = "Enter an email address like name@company.com.";
  if (d.role !== "admin" && d.role !== "csm") errors.role = "Choose a role.";
  if (d.password.length < MIN_PASSWORD_LENGTH) errors.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  return errors;
}

export const toNewUser = (d: UserDraft): NewUser => ({
  name: d.name.trim(),
  email: d.email.trim(),
  role: d.role,
  password: d.password,
});
