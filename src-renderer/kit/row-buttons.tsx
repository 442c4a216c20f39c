import { ArrowDown, ArrowUp, X } from 'lucide-react';

export interface RowButtonsProps {
  /** `<testId>-up`, `<testId>-down`, `<testId>-remove`. */
  testId: string;
  /** What the row is, for the buttons' names ("route 2"). */
  what: string;
  index: number;
  count: number;
  onMove: (to: number) => void;
  onRemove: () => void;
}

/** Move up, move down and remove for one row of a list. */
export function RowButtons({ testId, what, index, count, onMove, onRemove }: RowButtonsProps) {
  return (
    <span className="row-buttons">
      <button
        type="button"
        className="icon-button"
        data-testid={`${testId}-up`}
        aria-label={`Move ${what} up`}
        title="Move up"
        disabled={index === 0}
        onClick={() => onMove(index - 1)}
      >
        <ArrowUp size={14} aria-hidden />
      </button>
      <button
        type="button"
        className="icon-button"
        data-testid={`${testId}-down`}
        aria-label={`Move ${what} down`}
        title="Move down"
        disabled={index === count - 1}
        onClick={() => onMove(index + 1)}
      >
        <ArrowDown size={14} aria-hidden />
      </button>
      <button
        type="button"
        className="icon-button danger"
        data-testid={`${testId}-remove`}
        aria-label={`Remove ${what}`}
        title="Remove"
        onClick={onRemove}
      >
        <X size={14} aria-hidden />
      </button>
    </span>
  );
}
