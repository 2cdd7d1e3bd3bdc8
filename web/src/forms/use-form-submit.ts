import { useState, type FormEvent } from 'react';
import { toFormErrors, type FormErrors } from './problem-to-form-errors';

const NO_ERRORS: FormErrors = { fields: {}, form: null };

/**
 * Runs a form's submit action with the state every form needs: busy while in flight (the button is
 * disabled, so a double click sends once), and the refused request spread over the form's fields.
 * `validate` may refuse before anything is sent (empty fields, mismatched passwords).
 */
export function useFormSubmit(
  fieldNames: readonly string[],
  action: (data: Record<string, string>) => Promise<void>,
  validate?: (data: Record<string, string>) => Record<string, string>,
) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const form = event.currentTarget;
    const data: Record<string, string> = {};
    for (const name of fieldNames) {
      const value = new FormData(form).get(name);
      data[name] = typeof value === 'string' ? value : '';
    }
    const local = validate?.(data) ?? {};
    if (Object.keys(local).length > 0) {
      setErrors({ fields: local, form: null });
      focusFirstInvalid(form, local);
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await action(data);
    } catch (error) {
      const next = toFormErrors(error, fieldNames);
      setErrors(next);
      focusFirstInvalid(form, next.fields);
    } finally {
      setBusy(false);
    }
  };

  return { busy, errors, onSubmit: (event: FormEvent<HTMLFormElement>) => void onSubmit(event) };
}

function focusFirstInvalid(form: HTMLFormElement, fields: Record<string, string>): void {
  const first = Object.keys(fields)[0];
  if (!first) return;
  const input = form.elements.namedItem(first);
  if (input instanceof HTMLElement) input.focus();
}
