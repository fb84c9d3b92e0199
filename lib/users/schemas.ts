// Input and output schemas of console users, shared by the admin API, server actions and forms.

import { z } from "zod";
import { timestampSchema } from "../api/timestamp";
import { ROLES } from "../auth/actor";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../auth/password";

/** Trimmed and lower-cased, so sign-in is case-insensitive. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("must be a valid email address").max(254))
  .meta({ format: "email", description: "Sign-in email, unique (case-insensitive)" });

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`)
  .describe(`At least ${PASSWORD_MIN_LENGTH} characters`);

export const userNameSchema = z.string().trim().min(1, "must not be empty").max(100).describe("Display name");

export const roleSchema = z.enum(ROLES).describe("admin: everything; member: their teams' tokens");

export const createUserSchema = z
  .strictObject({
    email: emailSchema,
    password: passwordSchema,
    name: userNameSchema.nullable().optional(),
    role: roleSchema.default("member"),
  })
  .describe("Create a console user");
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z
  .strictObject({
    name: userNameSchema.nullable().optional(),
    password: passwordSchema.optional(),
    currentPassword: z
      .string()
      .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`)
      .optional()
      .describe(
        "Your current password: required when a signed-in user changes their own password; not needed " +
          "to reset another user's (admins) or with an admin API token",
      ),
    role: roleSchema.optional(),
    disabled: z.boolean().optional().describe("A disabled user cannot sign in; their sessions stop working"),
  })
  .describe(
    "Change a user (members may only change their own name and password). A password change ends the user's " +
      "other console sessions",
  );
export type UpdateUserInput = z.input<typeof updateUserSchema>;

/** The setup page: the first admin of a fresh installation. */
export const firstAdminSchema = z
  .strictObject({ email: emailSchema, password: passwordSchema, name: userNameSchema.nullable().optional() })
  .describe("Create the first admin (only while no user exists)");
export type FirstAdminInput = z.input<typeof firstAdminSchema>;

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: roleSchema,
    disabled: z.boolean(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .describe("A console user (the password hash is never returned)");
