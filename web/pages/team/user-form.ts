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

/** What is wrong with a sign-in e-mail as typed, or null. */
export function emailProblem(email: string): string | null {
  if (!email.trim()) return "Enter an email address.";
  return EMAIL_RE.test(email.trim()) ? null : "Enter an email address like name@company.com.";
}

/** Client-side checks for "Add user"; the server re-checks and its 409/422 answers map onto the same keys. */
export function validateUser(d: UserDraft): UserErrors {
  const errors: UserErrors = {};
  if (!d.name.trim()) errors.name = "Enter the person's name.";
  const email = emailProblem(d.email);
  if (email) errors.email = email;
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
