import { setThemePreference, useThemePreference, type ThemePreference } from '../theme/theme-preference';

const CHOICES: { value: ThemePreference; label: string }[] = [
  { value: 'system', label: 'Same as my device' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function ThemeChoice() {
  const preference = useThemePreference();
  return (
    <section className="settings-section" aria-labelledby="theme-title">
      <h2 id="theme-title">Appearance</h2>
      <fieldset className="choice-group">
        <legend>Theme</legend>
        {CHOICES.map((choice) => (
          <label key={choice.value} className="choice">
            <input
              type="radio"
              name="theme"
              value={choice.value}
              checked={preference === choice.value}
              onChange={() => setThemePreference(choice.value)}
            />
            {choice.label}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
