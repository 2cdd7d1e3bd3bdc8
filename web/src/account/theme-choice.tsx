import { SettingsSection } from './settings-section';
import { setThemePreference, useThemePreference, type ThemePreference } from '../theme/theme-preference';

const CHOICES: { value: ThemePreference; label: string }[] = [
  { value: 'system', label: 'Same as my device' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function ThemeChoice() {
  const preference = useThemePreference();
  return (
    <SettingsSection title="Appearance">
      <fieldset className="flex flex-col gap-1.5">
        <legend className="mb-1.5 font-semibold">Theme</legend>
        {CHOICES.map((choice) => (
          <label key={choice.value} className="flex items-center gap-2">
            <input
              type="radio"
              className="accent-primary"
              name="theme"
              value={choice.value}
              checked={preference === choice.value}
              onChange={() => setThemePreference(choice.value)}
            />
            {choice.label}
          </label>
        ))}
      </fieldset>
    </SettingsSection>
  );
}
