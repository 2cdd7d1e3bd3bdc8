import { useConfirmedAction } from '../../forms/use-confirmed-action';
import { useNavigate } from '@tanstack/react-router';

/** A confirmed room action (leave, delete) that ends on the room list, with its busy and error state. */
export function useRoomAction(action: () => Promise<void>) {
  const navigate = useNavigate();
  return useConfirmedAction(action, () => void navigate({ to: '/', replace: true }));
}
