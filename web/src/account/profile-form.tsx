import type { SessionUser } from '@livechat/protocol';
import { useState } from 'react';
import { FormMessage } from '../forms/form-message';
import { checkRequired } from '../forms/required-fields';
import { TextField } from '../forms/text-field';
import { useFormSubmit } from '../forms/use-form-submit';
import { useSessionStore } from '../session/session-context';

const FIELDS = ['displayName'] as const;

export function ProfileForm({ user }: { user: SessionUser }) {
  const session = useSessionStore();
  const [saved, setSaved] = useState(false);
  const { busy, errors, onSubmit } = useFormSubmit(
    FIELDS,
    async ({ displayName = '' }) => {
      setSaved(false);
      session.setUser(await session.api.call('updateMe', { body: { displayName: displayName.trim() } }));
      setSaved(true);
    },
    (data) => checkRequired(data, FIELDS),
  );
  return (
    <section className="settings-section" aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <form onSubmit={onSubmit} noValidate className="stack">
        <TextField
          label="Your name"
          name="displayName"
          defaultValue={user.displayName}
          maxLength={64}
          required
          error={errors.fields.displayName}
        />
        <FormMessage message={errors.form} />
        {saved ? <FormMessage tone="success" message="Saved." /> : null}
        <button type="submit" className="button primary" disabled={busy}>
          Save name
        </button>
      </form>
    </section>
  );
}
