// A compact labelled input for dense admin forms.
export function TextInput({ label, name, type = "text", defaultValue, placeholder, required, step, min, className }: { label: string; name: string; type?: string; defaultValue?: string | number; placeholder?: string; required?: boolean; step?: string; min?: number; className?: string }) {
  return (
    <label className={`block text-sm ${className ?? ""}`}>
      <span className="font-medium">{label}</span>
      <input
        name={name}
        type={type}
        defaultValue={defaultValue}
        placeholder={placeholder}
        required={required}
        step={step}
        min={min}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900"
      />
    </label>
  );
}
