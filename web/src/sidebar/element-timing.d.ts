// The Element Timing API's attribute (https://w3c.github.io/element-timing/): the browser reports when an element
// carrying it was first painted. React passes it through as written; its DOM typings do not list it yet.
import 'react';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- a merged declaration repeats React's type parameter
  interface HTMLAttributes<T> {
    elementtiming?: string;
  }
}
