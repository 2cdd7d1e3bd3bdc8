import { Moon, Sun } from 'lucide-react';
import { IconButton } from '../ui/icon-button';
import { setThemePreference, useEffectiveTheme } from './theme-preference';

/** One button that flips between light and dark; the first click leaves "follow the system". */
export function ThemeToggle() {
  const current = useEffectiveTheme();
  const next = current === 'dark' ? 'light' : 'dark';
  return (
    <IconButton label={`Switch to ${next} theme`} onClick={() => setThemePreference(next)}>
      {current === 'dark' ? <Sun aria-hidden /> : <Moon aria-hidden />}
    </IconButton>
  );
}
