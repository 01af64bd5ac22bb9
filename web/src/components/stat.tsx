/** One labelled figure of a stat strip. */
export function Stat(props: { label: string; value: string; testId?: string; tone?: string }) {
  return (
    <div className="stat">
      <div className="stat-label">{props.label}</div>
      <div className={`stat-value ${props.tone ?? ''}`} data-testid={props.testId}>
        {props.value}
      </div>
    </div>
  );
}
