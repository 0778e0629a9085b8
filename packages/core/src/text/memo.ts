/**
 * `read`, remembered for texts up to `maxLength` characters, at most `max` of them (all forgotten when full). Plans
 * repeat their short lines (`**Status**: Done`, `**Owner**: Worker 1`), and a long line costs about as much to hash as
 * to read. Answers are shared between callers: never modify one. `T` must not include `undefined`.
 */
export function memoText<T>(read: (text: string) => T, max: number, maxLength = Infinity): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    if (text.length > maxLength) return read(text);
    let answer = memo.get(text);
    if (answer === undefined) {
      answer = read(text);
      if (memo.size >= max) memo.clear();
      memo.set(text, answer);
    }
    return answer;
  };
}
