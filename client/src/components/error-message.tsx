/** An error announced to screen readers; renders nothing without a message. */
export function ErrorMessage({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="error" role="alert">
      {sentence(message)}
    </p>
  );
}

/** The server's messages start in lower case, to follow a code: a sentence starts capitalised. */
export const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
