import { Field } from "./field";
import { Input } from "./input";

/** The password part of a user edit form (lib/users/update-form.ts reads it): on one's own account
 * the current password too, which the service requires to change it. */
export function UserPasswordFields({ own }: { own: boolean }) {
  return (
    <>
      {own ? (
        <Field label="Current password" name="currentPassword" hint="Needed to change your password.">
          <Input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" />
        </Field>
      ) : null}
      <Field
        label="New password"
        name="password"
        hint={
          own
            ? "Leave empty to keep your password. Changing it signs out your other sessions."
            : "Leave empty to keep the current password. Changing it signs out their open sessions."
        }
      >
        <Input id="password" name="password" type="password" autoComplete="new-password" />
      </Field>
    </>
  );
}
