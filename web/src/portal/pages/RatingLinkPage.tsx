// The signed rating link sent with the rating invitation (`/danh-gia/{token}`): no login, one
// dossier, single use (`/api/v1/rating-links/{token}`); the server says whether it still works.
import { useState } from 'react';
import { api } from '../../ui/api';
import { ErrorBox, Loading } from '../../ui/components';
import { RatingDone, RatingForm } from '../mine/RatingForm';
import type { Rating } from '../mine/types';
import { Title } from '../Title';
import { useLoad } from '../useLoad';

interface LinkInfo {
  code: string;
  procedure_name: string;
  agency_name: string;
  expires_at: string;
}

export function RatingLinkPage({ token }: { token: string }) {
  const path = `/api/v1/rating-links/${encodeURIComponent(token)}`;
  const info = useLoad(() => api.get<LinkInfo>(path, { noReauth: true }).then((r) => r.data), token);
  const [done, setDone] = useState<Rating | null>(null);
  return (
    <div className="page">
      <Title title="Đánh giá mức độ hài lòng">Đánh giá mức độ hài lòng</Title>
      {info.loading && !info.data && <Loading />}
      {info.error !== undefined && <ErrorBox error={info.error} />}
      {info.data && (
        <div className="card">
          <p>
            Hồ sơ <strong>{info.data.code}</strong> — {info.data.procedure_name}, {info.data.agency_name}.
          </p>
          {done ? <RatingDone r={done} /> : <RatingForm path={path} onDone={setDone} />}
        </div>
      )}
    </div>
  );
}
