// What the render layer hands to widgets: rows of cells that carry a meaning, not a colour.

export type Meaning = 'normal' | 'ok' | 'warn' | 'error' | 'muted' | 'accent';

export interface Cell {
  readonly text: string;
  readonly meaning: Meaning;
}

export interface Column {
  readonly title: string;
  /** Smallest useful width; the column is dropped before it is squeezed below this. */
  readonly min: number;
  /** Widest it needs to be; extra room goes to flexible columns. */
  readonly max: number;
  /** Share of the leftover room (0 = fixed). */
  readonly flex: number;
  readonly align?: 'left' | 'right';
  /** Lower numbers are dropped last when the terminal is narrow. */
  readonly priority: number;
}

export interface Row {
  /** The object's id: selection is kept by it, never parsed back from text. */
  readonly id: string;
  readonly cells: readonly Cell[];
}

export interface TableModel {
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
}

export const cell = (text: string, meaning: Meaning = 'normal'): Cell => ({ text, meaning });

/** A row whose cells are built the first time they are read (only visible rows are). */
export function lazyRow(id: string, build: () => readonly Cell[]): Row {
  let cells: readonly Cell[] | undefined;
  return {
    id,
    get cells() {
      return (cells ??= build());
    },
  };
}
