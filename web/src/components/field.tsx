import type { ReactNode } from 'react';

interface FieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  disabled?: boolean;
}

/** A labelled text input of a `.ticket` form (the label text sits above the input). */
export function TextField(props: FieldProps & { placeholder?: string }) {
  return (
    <label>
      {props.label}
      <input
        value={props.value}
        disabled={props.disabled}
        placeholder={props.placeholder}
        onChange={(event) => props.onChange(event.target.value)}
        data-testid={props.testId}
      />
    </label>
  );
}

/** A labelled select of a `.ticket` form; the `<option>`s are its children. */
export function SelectField(props: FieldProps & { children: ReactNode }) {
  return (
    <label>
      {props.label}
      <select
        className="select"
        value={props.value}
        disabled={props.disabled}
        onChange={(event) => props.onChange(event.target.value)}
        data-testid={props.testId}
      >
        {props.children}
      </select>
    </label>
  );
}
