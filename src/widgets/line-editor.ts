// A one-line text editor's state and key handling, free of blessed so it can be tested.

export interface EditKey {
  readonly full?: string;
  readonly ch?: string;
}

export class LineEditor {
  private text: string;
  private pos: number;

  constructor(initial = '') {
    this.text = initial;
    this.pos = initial.length;
  }

  get value(): string {
    return this.text;
  }

  get cursor(): number {
    return this.pos;
  }

  set(value: string): void {
    this.text = value;
    this.pos = value.length;
  }

  /** Applies a key; returns true when the key was an editing key it used. */
  handle(key: EditKey): boolean {
    switch (key.full) {
      case 'backspace':
        if (this.pos > 0) {
          this.text = this.text.slice(0, this.pos - 1) + this.text.slice(this.pos);
          this.pos--;
        }
        return true;
      case 'delete':
      case 'C-d':
        this.text = this.text.slice(0, this.pos) + this.text.slice(this.pos + 1);
        return true;
      case 'left':
      case 'C-b':
        this.pos = Math.max(0, this.pos - 1);
        return true;
      case 'right':
      case 'C-f':
        this.pos = Math.min(this.text.length, this.pos + 1);
        return true;
      case 'home':
      case 'C-a':
        this.pos = 0;
        return true;
      case 'end':
      case 'C-e':
        this.pos = this.text.length;
        return true;
      case 'C-u':
        this.text = this.text.slice(this.pos);
        this.pos = 0;
        return true;
      case 'C-k':
        this.text = this.text.slice(0, this.pos);
        return true;
      case 'C-w': {
        const before = this.text.slice(0, this.pos).replace(/\S+\s*$/, '');
        this.text = before + this.text.slice(this.pos);
        this.pos = before.length;
        return true;
      }
      default:
        break;
    }
    const ch = key.ch;
    // Printable characters only: a pasted escape sequence never lands in a path.
    if (ch && ch.length >= 1 && !/[\u0000-\u001f\u007f-\u009f]/.test(ch) && !key.full?.startsWith('C-') && !key.full?.startsWith('M-')) {
      this.text = this.text.slice(0, this.pos) + ch + this.text.slice(this.pos);
      this.pos += ch.length;
      return true;
    }
    return false;
  }

  /** The visible window of the text for a field `width` wide, with the cursor column. */
  view(width: number): { text: string; cursor: number } {
    if (width <= 1) return { text: '', cursor: 0 };
    const start = Math.max(0, this.pos - width + 1);
    return { text: this.text.slice(start, start + width), cursor: this.pos - start };
  }
}
