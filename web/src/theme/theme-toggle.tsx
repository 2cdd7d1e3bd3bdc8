import { Moon, Sun } from 'lucide-react';
import { setThemePreference, useEffectiveTheme } from './theme-preference';

/** One button that flips between light and dark; the first click leaves "follow the system". */
export function ThemeToggle() {
  const current = useEffectiveTheme();
  const next = current === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
      onClick={() => setThemePreference(next)}
    >
      {current === 'dark' ? <Sun aria-hidden size={18} /> : <Moon aria-hidden size={18} />}
    </button>
  );
}
