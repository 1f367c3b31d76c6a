// Text from a record (a container's name, an image reference) made safe for a one-line comment in a generated
// profile, whose syntax ends a comment at the line's end (AppArmor `#`, CIL `;`, YAML `#`).

/** Control characters, a newline among them, would end the comment and let the rest be read as rules. */
export function commentText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x1f\x7f\u2028\u2029]/g, '?');
}
