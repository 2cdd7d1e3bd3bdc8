/** Who is typing in a room, in words (at most two names; more is "several people"). */
export function typingText(people: readonly { displayName: string }[]): string {
  const names = people.map((p) => p.displayName);
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'Several people are typing…';
}
